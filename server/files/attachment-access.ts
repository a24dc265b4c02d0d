import { portalItemVisibleSql } from '../authz/viewer';

/*
 * Who may fetch an uploaded message picture. Its uploader's agency may (the picture may not be in a
 * sent message yet: a draft), and so may whoever may read a message that shows it. Anyone else is
 * told it does not exist. The same rules decide which pictures a new message may reference, so a
 * message cannot be used to reach a picture its sender could not already see.
 */

/** For staff: the viewer is $1–$3 (see viewer.ts); `alias` is the `files` row. */
export function staffMayReadAttachmentSql(alias: string): string {
  return `(${alias}.kind = 'attachment' AND ($3::boolean OR ${alias}.agency_id = $2::uuid OR EXISTS (
    SELECT 1 FROM message_attachments vma JOIN messages vm ON vm.id = vma.message_id JOIN clients vc ON vc.id = vm.client_id
     WHERE vma.file_id = ${alias}.id AND NOT vm.deleted AND ${portalItemVisibleSql('vm', 'vc')})))`;
}

/** For a portal client, whose client id is parameter `clientParam`: pictures in their own messages. */
export function clientMayReadAttachmentSql(alias: string, clientParam: string): string {
  return `(${alias}.kind = 'attachment' AND EXISTS (
    SELECT 1 FROM message_attachments vma JOIN messages vm ON vm.id = vma.message_id
     WHERE vma.file_id = ${alias}.id AND NOT vm.deleted AND vm.client_id = ${clientParam}::uuid))`;
}
