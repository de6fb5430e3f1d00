/** An error message, announced at once. Renders nothing without a message; `id` lets fields point at it (aria-describedby). */
export function ErrorAlert({ message, testId, id }: { message: string | null; testId?: string; id?: string }) {
  if (!message) {
    return null
  }
  return (
    <p role="alert" className="alert" data-testid={testId} id={id}>
      {message}
    </p>
  )
}
