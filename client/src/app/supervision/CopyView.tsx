/**
 * A supervision copy, read-only, with the structured views of a case where
 * they fit: overview, participants, SMART goals, approach, phase notes with
 * their reviews, meetings, hours; issue 19: the occupational profile, the
 * three-party agreement's parts, the job search and the accompaniment. Every
 * placeholder is highlighted (the rich text by its `anonymised` mark, plain
 * fields by their shape).
 */
import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import { phaseFragmentName } from '../../../../shared/src/caseDocument/notes.js'
import { Phases, PlanApproachFragment } from '../../../../shared/src/caseDocument/plan.js'
import { readSupervisionCopy, weekLabel, type SupervisionCopy } from '../../../../shared/src/caseDocument/supervisionCopy.js'
import { GoalSmartFieldOrder } from '../../../../shared/src/report/labels.js'
import { RichTextEditor } from '../../editor/RichTextEditor.js'
import type { CaseRoom } from '../../sync/CaseRoom.js'
import { AnonymisedMarkExtension } from './anonymisedMark.js'
import { CopyAccompaniment, hasAccompaniment } from './CopyAccompaniment.js'
import { CopyPlacement } from './CopyPlacement.js'
import { CopyProfile } from './CopyProfile.js'
import { Highlighted } from './Highlighted.js'

/** The doc's version counter: bumps on every update (a copy changes only when it first arrives). */
function useDocVersion(doc: Y.Doc): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const bump = (): void => setVersion((value) => value + 1)
    doc.on('update', bump)
    return () => doc.off('update', bump)
  }, [doc])
  return version
}

function CopyText({ room, fragment, label, testId }: { room: CaseRoom; fragment: string; label: string; testId: string }) {
  const { t } = useTranslation()
  const id = useId()
  const extensions = useMemo(
    () => [AnonymisedMarkExtension.configure({ describe: (placeholder: string) => t('supervision.replaced', { placeholder }) })],
    [t],
  )
  const yFragment = useMemo(() => room.doc.getXmlFragment(fragment), [room.doc, fragment])
  const user = useMemo(() => ({ name: '', color: '#888' }), [])
  return (
    <div>
      <span id={id} className="visually-hidden">
        {label}
      </span>
      <RichTextEditor
        fragment={yFragment}
        provider={room.provider}
        user={user}
        editable={false}
        hideToolbar
        labelledBy={id}
        label={label}
        testId={testId}
        extensions={extensions}
      />
    </div>
  )
}

function Overview({ copy }: { copy: SupervisionCopy }) {
  const { t } = useTranslation()
  const meta = copy.meta
  return (
    <dl data-testid="supervision.copy-overview">
      {meta.caseType ? (
        <>
          <dt>{t('supervision.copy.caseType')}</dt>
          <dd>{t(`cases.type.${meta.caseType}`)}</dd>
        </>
      ) : null}
      {meta.currentPhase ? (
        <>
          <dt>{t('supervision.copy.currentPhase')}</dt>
          <dd>{t(`phases.${meta.currentPhase}`)}</dd>
        </>
      ) : null}
      {meta.durationWeeks !== undefined ? (
        <>
          <dt>{t('supervision.copy.duration')}</dt>
          <dd>{t('supervision.copy.weeks', { count: meta.durationWeeks })}</dd>
        </>
      ) : null}
      <dt>{t('supervision.copy.hours')}</dt>
      <dd>
        {t('supervision.copy.hoursUsed', { used: copy.hoursTotals.total, budget: meta.hoursBudget ?? '–' })}
      </dd>
      {meta.employer ? (
        <>
          <dt>{t('supervision.copy.employer')}</dt>
          <dd>
            <Highlighted text={meta.employer} />
          </dd>
        </>
      ) : null}
      {meta.workplace ? (
        <>
          <dt>{t('supervision.copy.workplace')}</dt>
          <dd>
            <Highlighted text={meta.workplace} />
          </dd>
        </>
      ) : null}
    </dl>
  )
}

/** The copy's content; `room` is the open copy room. */
export function CopyView({ room, localLoaded }: { room: CaseRoom; localLoaded: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const version = useDocVersion(room.doc)
  const read = useMemo(() => {
    void version
    return readSupervisionCopy(room.doc)
  }, [room.doc, version])
  if (!read.ok) {
    const empty = room.doc.getMap('meta').size === 0
    if (empty) {
      return <p role="status">{localLoaded ? t('supervision.copy.loading') : t('app.loading')}</p>
    }
    return (
      <p role="alert" data-testid="supervision.copy-problem">
        {t(read.reason === 'newerSchema' ? 'case.newerSchema' : 'case.invalid')}
      </p>
    )
  }
  const copy = read.value
  return (
    <article className="supervision-copy stack" data-testid="supervision.copy" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} data-testid="supervision.copy-title">
        <Highlighted text={copy.meta.title} />
      </h2>
      <Overview copy={copy} />
      <section aria-labelledby={`${id}-participants`}>
        <h3 id={`${id}-participants`}>{t('supervision.copy.participants')}</h3>
        <ul>
          {copy.participants.map((participant) => (
            <li key={participant.id}>
              <Highlighted text={participant.placeholder} />
              {participant.role ? <>, <Highlighted text={participant.role} /></> : null}
              {participant.organisation ? <> (<Highlighted text={participant.organisation} />)</> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${id}-goals`}>
        <h3 id={`${id}-goals`}>{t('supervision.copy.goals')}</h3>
        {copy.goals.length === 0 ? <p>{t('process.noGoals')}</p> : null}
        {copy.goals.map((goal, index) => (
          <div key={goal.id} className="copy-goal" data-testid="supervision.copy-goal">
            <h4>
              {t('goal.heading', { number: index + 1 })}: <Highlighted text={goal.title} />
            </h4>
            <dl>
              {GoalSmartFieldOrder.map((field) =>
                goal[field] ? (
                  <div key={field} style={{ display: 'contents' }}>
                    <dt>{t(`goal.${field}`)}</dt>
                    <dd>
                      <Highlighted text={goal[field]} />
                    </dd>
                  </div>
                ) : null,
              )}
              {goal.timeBoundWeek !== undefined ? (
                <>
                  <dt>{t('goal.timeBound')}</dt>
                  <dd>
                    <Highlighted text={weekLabel(goal.timeBoundWeek)} />
                  </dd>
                </>
              ) : null}
              <dt>{t('goal.status')}</dt>
              <dd>{t(`goal.statuses.${goal.status}`)}</dd>
            </dl>
          </div>
        ))}
      </section>
      <section aria-labelledby={`${id}-approach`}>
        <h3 id={`${id}-approach`}>{t('supervision.copy.approach')}</h3>
        <CopyText room={room} fragment={PlanApproachFragment} label={t('supervision.copy.approach')} testId="supervision.copy-approach" />
      </section>
      {Phases.map((phase) => {
        const reviews = Object.entries(copy.reviews[phase] ?? {})
        return (
          <section key={phase} aria-labelledby={`${id}-${phase}`}>
            <h3 id={`${id}-${phase}`}>{t(`phases.${phase}`)}</h3>
            <CopyText room={room} fragment={phaseFragmentName(phase)} label={t(`phases.${phase}`)} testId={`supervision.copy-phase-${phase}`} />
            {reviews.length > 0 ? (
              <ul aria-label={t('supervision.copy.reviews')}>
                {reviews.map(([goalId, review]) => {
                  const number = copy.goals.findIndex((goal) => goal.id === goalId) + 1
                  return (
                    <li key={goalId}>
                      {t('goal.heading', { number })}: {t(review.stillValid ? 'supervision.copy.stillValid' : 'supervision.copy.notValid')}
                      {review.note ? (
                        <>
                          {' – '}
                          <Highlighted text={review.note} />
                        </>
                      ) : null}
                    </li>
                  )
                })}
              </ul>
            ) : null}
          </section>
        )
      })}
      <section aria-labelledby={`${id}-meetings`}>
        <h3 id={`${id}-meetings`}>{t('supervision.copy.meetings')}</h3>
        {copy.meetings.length === 0 ? <p>{t('supervision.copy.noMeetings')}</p> : null}
        {copy.meetings.map((meeting) => (
          <div key={meeting.id}>
            <h4>
              {t(`process.meetingKind.${meeting.kind}`)}
              {meeting.week !== undefined ? <> – <Highlighted text={weekLabel(meeting.week)} /></> : null}
            </h4>
            {meeting.participants ? (
              <p>
                <Highlighted text={meeting.participants} />
              </p>
            ) : null}
            <CopyText room={room} fragment={meeting.fragment} label={t(`process.meetingKind.${meeting.kind}`)} testId="supervision.copy-meeting" />
          </div>
        ))}
      </section>
      {copy.profile ? <CopyProfile profile={copy.profile} /> : null}
      <CopyPlacement content={copy.placement} />
      {hasAccompaniment(copy.accompaniment) ? <CopyAccompaniment content={copy.accompaniment} /> : null}
    </article>
  )
}
