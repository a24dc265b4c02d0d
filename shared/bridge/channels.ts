/**
 * The bridge's channel names, kept apart from the contract so preload can build its named
 * methods without pulling zod into the sandboxed preload bundle.
 */
export const BRIDGE_CHANNELS = [
  'app:info',
  'notices:list',
  'notices:dismiss',
  'session:get',
  'session:signIn',
  'session:signOut',
  'session:lockState',
  'session:activity',
  'session:unlock',
  'sync:status',
  'sync:now',
  'clients:search',
  'clients:count',
  'clients:get',
  'clients:update',
  'files:photo',
  'files:attachment',
  'attachments:addImage',
  'inbox:list',
  'inbox:counts',
  'inbox:mark',
  'threads:get',
  'threads:forClient',
  'messages:send',
  'outbox:list',
  'outbox:retry',
  'outbox:discard',
  'drafts:get',
  'drafts:save',
  'drafts:discard',
  'settings:get',
  'settings:update',
  'requests:forClient',
  'requests:options',
  'requests:send',
  'requests:cancel',
  'records:forClient',
  'records:openFile',
  'records:addDocument',
  'notifications:list',
  'notifications:mark',
  'portal:status',
  'portal:invite',
  'portal:inviteLink',
  'portal:cancelInvite',
  'portal:disconnect',
  'nudges:get',
  'nudges:save',
  'nudges:sendCode',
  'nudges:verify',
  'agency:portalPreferences',
  'agency:savePortalPreferences',
  'audit:list',
  'massSend:programs',
  'massSend:recipients',
  'massSend:start',
  'massSend:jobs',
  'massSend:results',
  'shell:openExternal',
] as const;

export type BridgeChannel = (typeof BRIDGE_CHANNELS)[number];

/** Events main pushes to the renderer. */
export const BRIDGE_EVENTS = [
  'sync:status',
  'session:changed',
  'session:lock',
  'data:changed',
  'app:navigate',
  'notices:changed',
] as const;

export type BridgeEventName = (typeof BRIDGE_EVENTS)[number];

/** IPC channel that carries every event, so preload subscribes once. */
export const BRIDGE_EVENT_CHANNEL = 'portico:event';
