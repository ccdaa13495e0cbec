// Paging for the console's lists: ?page=N, 20 a page, links that keep the other filters.
const PAGE_SIZE = 20

export function pageParams(query: Record<string, string>) {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(query.page ?? '1', 10) || 1))
  return { page, pageSize: PAGE_SIZE, skipTake: { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE } }
}

export function Pager(props: {
  page: { page: number; pageSize: number }
  total: number
  query: Record<string, string>
  path: string
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.page.pageSize))
  const link = (page: number) => `${props.path}?${new URLSearchParams({ ...props.query, page: String(page) })}`
  return (
    <p class="pager">
      <span class="muted">
        共 {props.total} 条，第 {props.page.page} / {pages} 页
      </span>
      {props.page.page > 1 && <a href={link(props.page.page - 1)}>上一页</a>}
      {props.page.page < pages && <a href={link(props.page.page + 1)}>下一页</a>}
    </p>
  )
}
