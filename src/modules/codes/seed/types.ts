export interface CodeItemSeed { code: string; nameZh: string; nameEn: string; parentCode?: string; level?: number }
export interface CodeTableSeed { code: string; nameZh: string; nameEn: string; source: string; hierarchical: boolean; items: CodeItemSeed[] }
