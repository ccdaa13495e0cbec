// The alerts' pages in the staff console (Feature.console): the list, one alert, the draft form, and the posts that
// confirm, cancel or decide — each through alert.admin-service.ts, as the admin API does, and audited there.
import { Hono } from 'hono'
import type { AdminEnv } from '../../../admin/env.ts'
import type { ConsolePages } from '../../../console/slot.ts'
import { confirmAlertBy, decideAlertBy } from '../alert.admin-service.ts'
import { alertDetailPage } from './alert-detail.page.tsx'
import { alertFormPage, submitAlertForm } from './alert-form.page.tsx'
import { alertListPage } from './alert-list.page.tsx'

export const alertsConsole: ConsolePages = {
  nav: [{ path: '/admin/alerts', label: '预警' }],
  build(deps) {
    const app = new Hono<AdminEnv>()
    app.get('/alerts', (c) => alertListPage(c, deps))
    app.get('/alerts/new', (c) => alertFormPage(c))
    app.post('/alerts', (c) => submitAlertForm(c, deps))
    app.get('/alerts/:id{[0-9]+}', (c) => alertDetailPage(c, deps))
    app.post('/alerts/:id{[0-9]+}/:step{confirm|decision}', async (c) => {
      const id = Number(c.req.param('id'))
      const body = await c.req.parseBody()
      const input = { id, version: Number(body.version) || 0 }
      const decision = String(body.decision ?? '')
      const principal = c.get('principal')
      const step = c.req.param('step')
      if (step === 'decision' && decision !== 'approve' && decision !== 'reject') {
        return c.redirect(`/admin/alerts/${id}?r=conflict`, 303)
      }
      const outcome =
        step === 'confirm'
          ? await confirmAlertBy(deps, principal, 'console', input, decision === 'cancel')
          : await decideAlertBy(deps, principal, 'console', input, decision === 'approve')
      const r = outcome.ok ? outcome.alert.status : outcome.error
      return c.redirect(`/admin/alerts/${id}?r=${r}`, 303)
    })
    return app
  },
}
