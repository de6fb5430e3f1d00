/**
 * The formal term beside a coachee's plain words (issue 16): the plain words
 * come first, the term professionals use follows as smaller, secondary text,
 * so a coachee can still match what a form or a letter calls it.
 */
export function FormalTerm({ term }: { term: string }) {
  return (
    <>
      {' '}
      <small className="formal-term">({term})</small>
    </>
  )
}
