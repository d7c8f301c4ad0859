// Images (CIF-44) and information completeness (CIF-45).
export const imagingEn = {
  tab: 'Images',
  scope: 'Images of', wholeCustomer: 'All images of the customer', account: 'Account',
  certType: 'Certificate type', otherType: 'Other scan', upload: 'Import a scan', reference: 'Reference an external scan',
  uploaded: 'Registered as image {{no}}',
  rule: 'PDF, JPEG, PNG or TIFF, recognised by content; numbered in import order with a SHA-256 digest. Every view or download of a scan is written to the audit log. Loan-contract and voucher scans stay in the external imaging system: only their id and link are registered.',
  latest: 'Latest scan of each certificate type', latestAccount: "Latest scan of each certificate type for this account", none: 'No scans yet',
  preview: 'View', download: 'Download', openExternal: 'Open in the imaging system', noPreview: 'Browsers cannot show TIFF scans; download it to view',
  imageNo: 'Image no.', name: 'File name', size: 'Size', importedAt: 'Imported at', importedBy: 'Imported by',
  externalSystem: 'External imaging system', externalId: 'External image id', externalUrl: 'Link', note: 'Note',
};
export const completenessEn = {
  title: 'Information completeness', notCheckable: 'not checkable yet',
  tier: { credit: 'Credit customer', ordinary: 'Ordinary customer', small: 'Small counter-grown customer' },
  item: { basic: 'Basic information', detail: 'Detailed information', financial: 'Financial statements', non_financial: 'Non-financial information', visits: 'Visit records', investments: 'Investments', correspondent: 'Correspondent-bank accounts', business_licence: 'Business licence' },
  gap: { manager: 'Responsible manager', information: 'Required information', scale: 'Scale attribute' },
  dueBy: 'Opened {{opened}}; complete by {{date}} (three working days):', overdueSince: 'Opened {{opened}}; the deadline {{date}} has passed, still owing:',
  overdueTitle: 'Completeness overdue', export: 'Export',
  overdueRule: 'New customers of the last 90 days still without a responsible manager, their tier\'s required information or their scale attribute three working days (by the calendar) after opening. A to-do is raised for each every morning.',
  customerNo: 'Customer no.', name: 'Name', institution: 'Institution', tierLabel: 'Tier', percent: 'Complete', openedOn: 'Opened on', deadline: 'Deadline', owing: 'Owing', missingItems: 'Missing information',
};
