// Certificate expiry (三、(八): 体系认证、产品认证、实验室资质认定 risks): the daily warning at 90/30/7 days and
// "我们还有哪些证书快到期".
import type { Feature } from '../../bot/feature.ts'
import { certExpiringHandler, expiryRecognizer } from './expiring.handler.ts'
import { certExpiryCard, certListCard } from './expiry.cards.ts'
import { warnExpiringCertificates } from './expiry.job.ts'

export const expiryFeature: Feature = {
  name: 'expiry',
  recognizers: [expiryRecognizer],
  messages: [certExpiringHandler],
  cards: [certExpiryCard, certListCard],
  jobs: [
    {
      name: 'certificate-expiry',
      cron: '0 9 * * *',
      // Once a day in Asia/Shanghai, and a run missed while no instance was up is caught up at start-up.
      period: 'day',
      catchUp: true,
      description: 'warn enterprises and their 质量管家 of certificates 90, 30 and 7 days before expiry, once each',
      run: (deps, now) => warnExpiringCertificates(deps, now),
    },
  ],
}
