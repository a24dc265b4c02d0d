/**
 * The reference product's exact texts (../shared/seed). Staff and clients already know these
 * words from training material, so they are reused character for character, never paraphrased.
 */
export const PRODUCT_TEXTS = {
  sendMessage: 'SEND MESSAGE',
  createAMessage: 'CREATE A MESSAGE',
  sendResponse: 'SEND RESPONSE',
  portalLabel: 'PORTAL',
  readMessages: 'Read Messages',
  customerPortal: 'CUSTOMER PORTAL',
  customerPortalRequests: 'Customer Portal Requests',
  sendNewRequest: 'SEND NEW REQUEST',
  sendRequestToTheCustomerPortal: 'SEND REQUEST TO THE CUSTOMER PORTAL',
  sendRequest: 'SEND REQUEST',
  myInfo: 'MY INFO',
  allowClientInitiatedContact: 'Allow Client Initiated Contact',
  displayInCustomerPortal: 'Display in Customer Portal',
  massSending: 'MASS SENDING',
  invalidFileSize: 'Invalid file size. The total of all files must be less than or equal to 25MB.',
  activeRoiExists:
    'This client already has an active Release of Information. Please review the client’s Release of Information history.',
} as const;

/** 25MB as the reference product counts it: per file and for all files of one submission. */
export const MAX_UPLOAD_BYTES = 26_214_400;
