// Credit customers' information (CIF-28): financial and non-financial information, investments, other banks.
import type { creditInfoZh } from './credit-info.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const creditInfoEn: Shape<typeof creditInfoZh> = {
  tab: 'Credit info',
  section: { financials: 'Financial statements', nonFinancial: 'Non-financial', investments: 'Investments', banks: 'Other banks' },
  intro: 'Credit customers need financial and non-financial information, investments and other-bank relations. Amounts in yuan.',
  yuan: 'CNY', updatedBy: 'Maintained by', updatedAt: 'Maintained at', remark: 'Remark',
  deleteHint: 'It will no longer be listed; the record is kept for reference and the removal is audited.',
  fin: {
    employees: 'Employees (period end)', employeesHint: 'The SME classification reads an annual statement\'s employees, revenue and total assets', persons: 'persons',
    add: 'Enter statement', edit: 'Correct statement', saved: 'Statement saved', deleted: 'Statement removed', deleteConfirm: 'Remove this statement?',
    period: 'Period', fiscalYear: 'Year', periodType: 'Statement type', periodNo: 'Period no.',
    periodTypes: { annual: 'Annual', semiannual: 'Semi-annual', quarterly: 'Quarterly', monthly: 'Monthly' },
    periodLabel: { annual: 'FY {{year}}', semiannual: '{{year}} H{{n}}', quarterly: '{{year}} Q{{n}}', monthly: '{{year}}-{{n}}' },
    half: { '1': '1', '2': '2' },
    audited: 'Audited', unaudited: 'Unaudited', auditor: 'Audit firm', auditorHint: 'Accounting firm; required for an audited statement',
    currency: 'Currency',
    balanceSheet: 'Balance sheet', incomeStatement: 'Income and cash flow',
    totalAssets: 'Total assets', currentAssets: 'Current assets', totalLiabilities: 'Total liabilities', currentLiabilities: 'Current liabilities',
    ownersEquity: "Owners' equity", operatingRevenue: 'Operating revenue', operatingCost: 'Operating cost', totalProfit: 'Total profit',
    netProfit: 'Net profit', operatingCashFlow: 'Net operating cash flow',
    ratios: 'Ratios', assetLiabilityRatio: 'Debt-to-assets', currentRatio: 'Current ratio', netMargin: 'Net margin',
    balanceRule: "Total assets must equal total liabilities plus owners' equity (within 1 yuan); current figures cannot exceed their totals.",
    required: 'Required', none: 'No statements yet',
  },
  nf: {
    managementQuality: 'Management quality', ownershipStructure: 'Ownership structure', mainProducts: 'Main products and market position',
    relatedParties: 'Related parties', adverseRecords: 'Adverse records',
    placeholder: 'Up to 1000 characters', save: 'Save', saved: 'Non-financial information saved', clear: 'Clear', cleared: 'Non-financial information cleared',
    clearConfirm: 'Clear all non-financial information?', clearHint: 'The text stays in the change history.', history: 'Change history', none: 'No non-financial information yet',
  },
  inv: {
    add: 'Record investment', edit: 'Change investment', saved: 'Investment saved', deleted: 'Investment removed', deleteConfirm: 'Remove this investment?',
    investeeName: 'Investee', investeeCreditCode: 'Credit code', amount: 'Amount (CNY)', sharePct: 'Share (%)', investedOn: 'Invested on',
    nameRequired: 'Enter the investee', amountRequired: 'Enter the amount', shareRequired: 'Enter the share',
  },
  bank: {
    add: 'Record other-bank account', edit: 'Change other-bank account', saved: 'Other-bank account saved', deleted: 'Other-bank account removed', deleteConfirm: 'Remove this account?',
    bankName: 'Bank', accountNo: 'Account no.', accountType: 'Account type', openedOn: 'Opened on', creditLine: 'Credit line (CNY)', outstandingLoans: 'Loans outstanding (CNY)',
    accountTypes: { basic: 'Basic deposit', general: 'General deposit', special: 'Special-purpose', temporary: 'Temporary', other: 'Other' },
    bankRequired: 'Enter the bank', accountRequired: 'Enter the account number', typeRequired: 'Choose the account type',
    total: 'Total: credit lines {{line}}, loans outstanding {{loans}}',
  },
};
