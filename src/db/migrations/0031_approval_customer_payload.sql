-- A customer's "under review" mark (approvals' listOpenFor) also finds open requests of other
-- subjects whose payload names him: a document flow's entry review carries the information keyed
-- from the flow's paper (docs/documents.md). Only open requests, so the index stays small.
create index approval_request_open_customer_idx on approval_request ((payload->>'customerId'))
  where status in ('pending', 'returned');
