// The parts of the knowledge edit page that show the gate's outcome: the evaluation before → after per set and
// measure (worse ones marked), and the messages under a field.
import type { FieldIssue } from '../../features/knowledge/editor.ts'
import { type EvalSummary, MEASURES, type Measure, SET_LABELS } from '../../features/knowledge/evaluation/gate.ts'
import { SET_NAMES } from '../../features/knowledge/evaluation/sets.ts'

const pct = (c: { ok: number; n: number }) => `${c.ok}/${c.n}`

export function EvaluationTable(props: { before: EvalSummary; after: EvalSummary }) {
  const measures = Object.keys(MEASURES) as Measure[]
  return (
    <table data-testid="evaluation">
      <thead>
        <tr>
          <th>题组</th>
          {measures.map((m) => (
            <th>
              {MEASURES[m].label}
              <div class="muted">{MEASURES[m].better === 'higher' ? '越多越好' : '越少越好'}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SET_NAMES.map((set) => (
          <tr>
            <td>{SET_LABELS[set]}</td>
            {measures.map((m) => {
              const b = props.before[set].overall[m]
              const a = props.after[set].overall[m]
              const worse = MEASURES[m].better === 'higher' ? a.ok < b.ok : a.ok > b.ok
              const better = a.ok !== b.ok && !worse
              return (
                <td>
                  {pct(b)} → {pct(a)} {worse && <span class="badge bad">变差</span>}
                  {better && <span class="badge ok">变好</span>}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export const issueOf = (issues: FieldIssue[], path: string) =>
  issues.filter((i) => i.path === path).map((i) => <div class="field-error notice bad">{i.message}</div>)
