// Synthetic knowledge entries for the benchmark: deterministic (seeded), valid entries with a large vocabulary of
// made-up two- and three-character words, no digits (so they can never look like invented figures).
import { type KnowledgeEntry, SERVICE_CATEGORIES } from '../src/features/knowledge/entry.ts'

const CHARS =
  '产品质量标准计量认证检测服务企业管理体系技术创新品牌培育监督抽查风险预警安全生产许可制度材料工艺设备零件' +
  '纺织服装鞋帽皮革五金机械电子电器汽车摩托配件锁具眼镜包装印刷塑料橡胶化工建材家具文具玩具食品农业园区' +
  '数字平台网络数据信息系统工程项目资金政策补助奖励申报评审考核验收整改提升优化协同共享开放融合转型绿色低碳'

function prng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function syntheticEntries(count: number, seed = 42): KnowledgeEntry[] {
  const rand = prng(seed)
  const chars = [...CHARS]
  const word = () => {
    const len = rand() < 0.7 ? 2 : 3
    let w = ''
    for (let i = 0; i < len; i++) w += chars[Math.floor(rand() * chars.length)]
    return w
  }
  const words = (n: number) => Array.from({ length: n }, word)
  return Array.from({ length: count }, (_, i) => {
    const answer = `${words(12).join('')}。${words(10).join('')}。`
    return {
      id: `synthetic-${i}`,
      title: `${words(3).join('')}服务`,
      section: '附、(合成)',
      keywords: words(4),
      synonyms: words(4),
      category: SERVICE_CATEGORIES[i % SERVICE_CATEGORIES.length]!,
      silentOn: ['具体金额'],
      answer,
      source: `${words(20).join('')}。`,
      extra: '',
    }
  })
}
