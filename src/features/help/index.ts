// The help feature: the menu (帮助), the welcome card when the bot joins a chat, and the polite fallback.
import type { Feature } from '../../bot/feature.ts'
import { helpCard, welcomeCard } from './help.card.ts'
import { fallbackHandler, helpHandler, helpShowAction, welcome } from './help.handlers.ts'
import { helpRecognizer, notAQuestionRecognizer } from './help.recognizer.ts'

export const helpFeature: Feature = {
  name: 'help',
  recognizers: [helpRecognizer],
  // A bare number is no question: just before the knowledge classifier, after everything that expects numbers.
  finalRecognizers: [notAQuestionRecognizer],
  messages: [helpHandler],
  actions: [helpShowAction],
  // Replaced by the knowledge feature's `out_of_scope` handler where that feature is on.
  fallback: fallbackHandler,
  welcome,
  cards: [helpCard, welcomeCard],
}
