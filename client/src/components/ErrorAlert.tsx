/** An error message, announced at once. Renders nothing without a message. */
export function ErrorAlert({ message, testId }: { message: string | null; testId?: string }) {
  if (!message) {
    return null
  }
  return (
    <p role="alert" className="alert" data-testid={testId}>
      {message}
    </p>
  )
}
