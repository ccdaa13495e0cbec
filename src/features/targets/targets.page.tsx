// The 目标 page's parts: each target with its progress bar, the course over the months (the monthly card's chart
// as inline SVG, readable without script, with the same figures as a table for screen readers), the month's
// check-in completion, and the form to record a figure.
import type { Principal } from '../../admin/principal.ts'
import { Csrf } from '../../console/layout.tsx'
import type { KindCompletion } from '../duty/checkin.rates.ts'
import { formatTime } from '../enterprises/dates.ts'
import { progressSvg } from './chart-svg.ts'
import { type MonthlyData, progressChart } from './monthly.card.ts'
import { MAX_NOTE_LENGTH, MAX_TARGET_VALUE } from './record-progress.ts'
import type { TargetOverview } from './targets.overview.ts'

const SOURCE = { derived: '企业档案自动统计', recorded: '工作人员登记' } as const
const ERROR_STYLE = 'color: var(--red)'

export function TargetsTable({ targets }: { targets: TargetOverview[] }) {
  return (
    <table data-testid="targets">
      <thead>
        <tr>
          <th>序号</th>
          <th>目标（方案原文）</th>
          <th>进展</th>
          <th>完成进度</th>
          <th>来源</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((t) => (
          <tr data-target={t.code}>
            <td>{t.index}</td>
            <td>
              {t.label}
              <div class="muted">
                {t.section} {t.wording}
              </div>
            </td>
            <td>{`${t.value}/${t.goal}${t.unit}`}</td>
            <td>
              <progress max={100} value={Math.min(100, t.percent)} aria-label={`${t.label}完成进度`} />{' '}
              <span>{`${t.percent}%`}</span>
            </td>
            <td>
              {SOURCE[t.source]}
              {t.latest && (
                <div class="muted">
                  {`${formatTime(t.latest.recordedAt)} ${t.latest.recordedBy ?? ''} 登记`}
                  {t.latest.note ? `：${t.latest.note}` : ''}
                </div>
              )}
              {t.source === 'recorded' && !t.latest && <div class="muted">尚未登记</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The chart (decorative for assistive technology) and, next to it, the same figures as a table. */
export function ProgressCourse({ data }: { data: MonthlyData }) {
  const chart = progressChart(data)
  const months = data.history.map((h) => h.month)
  // Drawn at 720×360 for the PNG; on the page it shrinks to its column, keeping its proportions.
  const svg = progressSvg(chart, months).replace('<svg ', '<svg style="max-width: 100%; height: auto" ')
  return (
    <div class="grid">
      <figure class="card" style="margin: 0">
        <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
        <figcaption class="muted">
          {chart.title}：图中数字为目标序号；最后一个月为本月截至当前，其余为各月月调度快照。
        </figcaption>
      </figure>
      <table data-testid="course">
        <caption class="muted" style="text-align: left">
          各目标逐月完成进度（%）
        </caption>
        <thead>
          <tr>
            <th scope="col">目标</th>
            {months.map((m) => (
              <th scope="col">{m}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.series.map((s) => (
            <tr>
              <th scope="row">{s.name}</th>
              {s.values.map((v) => (
                <td>{`${v}%`}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function CheckinRates({ rates }: { rates: KindCompletion[] }) {
  return (
    <table data-testid="checkins">
      <thead>
        <tr>
          <th>检查</th>
          <th>应反馈</th>
          <th>已反馈</th>
          <th>其中有问题</th>
          <th>未反馈</th>
          <th>反馈率</th>
        </tr>
      </thead>
      <tbody>
        {rates.map((k) => (
          <tr>
            <td>{k.label}</td>
            <td>{k.total}</td>
            <td>{k.done + k.problem}</td>
            <td>{k.problem}</td>
            <td>{k.open}</td>
            <td>{k.rate === null ? '本月无应反馈的检查' : `${Math.round(k.rate * 100)}%`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export interface RecordForm {
  values: { target: string; value: string; note: string }
  errors: Partial<Record<'target' | 'value' | 'note', string>>
}

const FieldError = ({ id, text }: { id: string; text?: string }) =>
  text ? (
    <span id={id} role="alert" style={ERROR_STYLE}>
      {text}
    </span>
  ) : null

export function RecordProgressForm(props: { principal: Principal; targets: TargetOverview[]; form?: RecordForm }) {
  const { values, errors } = props.form ?? { values: { target: '', value: '', note: '' }, errors: {} }
  const recorded = props.targets.filter((t) => t.source === 'recorded')
  return (
    <form method="post" action="/admin/targets/progress" class="card" data-testid="record-form">
      <Csrf principal={props.principal} />
      <p class="muted">
        以下目标无法从企业档案统计，由工作人员登记当前累计数（与对话中“登记目标进展”相同），每次登记均记入操作日志。
      </p>
      <div class="actions">
        <label>
          目标
          <select name="target" aria-invalid={errors.target ? 'true' : undefined} aria-describedby="err-target">
            {recorded.map((t) => (
              <option value={t.code} selected={values.target === t.code}>
                {`${t.index}. ${t.label}（目标 ${t.goal}${t.unit}）`}
              </option>
            ))}
          </select>
          <FieldError id="err-target" text={errors.target} />
        </label>
        <label>
          当前累计数
          <input
            name="value"
            type="number"
            min={0}
            max={MAX_TARGET_VALUE}
            step={1}
            required
            value={values.value}
            aria-invalid={errors.value ? 'true' : undefined}
            aria-describedby="err-value"
          />
          <FieldError id="err-value" text={errors.value} />
        </label>
        <label style="flex: 1">
          说明（选填）
          <input name="note" maxlength={MAX_NOTE_LENGTH} value={values.note} aria-describedby="err-note" />
          <FieldError id="err-note" text={errors.note} />
        </label>
        <button type="submit" class="primary">
          登记
        </button>
      </div>
    </form>
  )
}
