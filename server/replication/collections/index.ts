import type { ReplicatedCollection } from '../../../shared/replication/documents';
import type { CollectionHandler } from '../collection-handler';
import { catalogHandler } from './catalog';
import { clientsHandler } from './clients';
import { directoryHandler } from './directory';
import { membershipsHandler } from './memberships';
import { messagesHandler } from './messages';
import { notificationsHandler } from './notifications';
import { recordsHandler } from './records';
import { requestsHandler } from './requests';
import { threadsHandler } from './threads';

export const COLLECTION_HANDLERS: { [C in ReplicatedCollection]: CollectionHandler<C> } = {
  directory: directoryHandler,
  clients: clientsHandler,
  memberships: membershipsHandler,
  threads: threadsHandler,
  messages: messagesHandler,
  requests: requestsHandler,
  records: recordsHandler,
  notifications: notificationsHandler,
  catalog: catalogHandler,
};
