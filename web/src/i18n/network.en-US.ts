// Relationship network (REL-1…4): links, the network graph, guarantee circles and chains.
export const networkEn = {
  tab: 'Network',
  hops: 'Hops', allRoles: 'All relation types', asOfToday: 'As of today', noLinks: 'This customer has no links',
  graphLabel: 'Relationship network of the customer', exportPng: 'Export image', legendHint: 'Legend:',
  legend: { center: 'This customer', corporate: 'Corporate customer', personal: 'Personal customer', related: 'Related party (not a customer)', masked: 'Customer outside my charge', blacklisted: 'Blacklisted', warning: 'Open warnings' },
  maskedNode: 'Outside my charge', openAlerts: '{{count}} open warnings',
  summarised: 'More than {{limit}} parties; these are counted, not drawn:', summaryItem: 'hop {{hop}} {{role}}: {{count}}',
  add: 'Add link', added: 'Link recorded', findBy: 'Find the party by', byCustomerNo: 'Customer number', byDocument: 'Name and document',
  partyCustomerNo: 'Party customer no.', partyCategory: 'Party category', partyName: 'Party name', idType: 'Document type', idNumber: 'Document number',
  role: 'Role', sharePct: 'Share', shareHint: 'Shareholders only', amount: 'Guaranteed amount', amountHint: 'Guarantees, mortgages and pledges only',
  fromFeed: 'Core system', fromFeedHint: 'A guarantee contract of the core system: added, changed and ended by the daily feed', contractNo: 'Contract no.', accountNo: 'Account no.', startsOn: 'Start', endsOn: 'End', remark: 'Remark', required: 'Required',
  partyCount: 'Parties: {{count}}', showEnded: 'Show ended links', seq: 'No.', party: 'Party', actions: 'Actions',
  end: 'End', endConfirm: 'End this link? It leaves the current network and stays in history.', endTitle: 'End link', endReason: 'Reason', ended: 'Link ended',
  proximity: { tab: 'Near the blacklist', hops: 'Hops', hopsN: '{{n}} hop(s)', customer: 'Customer', customerNo: 'Customer no.', distance: 'Distance', listed: 'Blacklisted customer' },
  circles: {
    title: 'Guarantee circles and chains', intro: 'Each business day the bank-wide guarantee network (guarantees, mortgages, pledges in force) is scanned: a circle is a group of parties that reach each other through guarantees (mutual and joint guarantees included), a chain passes a default three or more guarantees on. Only circles and chains with a customer in your charge are listed; members outside it are masked.',
    scanDate: 'Scan date', noScan: 'No guarantee scan yet (daily at 11:00)', minMembers: 'Minimum members', exported: 'Exported {{name}}',
    circleNo: 'Circle', memberCount: 'Members', members: 'Members', loanBalance: 'Members\' loans', guaranteedAmount: 'Guaranteed inside', longestChain: 'Longest chain', institutions: 'Institutions',
    mutual: 'Mutual', cycles: 'Cycles', drill: 'Graph', chains: 'Chains', chainLength: 'Guarantees', circleTab: 'Circles', detailTitle: 'Circle {{no}} ({{date}})',
    cycleList: 'Cycles in the circle', export: 'Export Excel',
  },
};
