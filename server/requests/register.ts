import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { PortalLimits } from '../config';
import type { Database } from '../db/database';
import type { FileStore } from '../files/file-store';
import { MULTIPART_LIMITS } from '../files/multipart-upload';
import { registerPortalRequestRoutes } from '../portal-api/request-routes';
import { registerPortalUploadRoutes } from '../portal-api/upload-routes';
import { registerAdminRoutes } from './admin-routes';
import { registerRecordFileRoutes, registerStaffDocumentUpload } from './record-file-routes';
import { registerRequestRoutes } from './routes';

/**
 * Customer Portal requests and client records: staff sending requests and adding documents,
 * agency administrators setting up the catalog, clients fulfilling requests, file downloads.
 */
export function registerRequestFeatures(
  app: FastifyInstance,
  db: Database,
  files: FileStore,
  portalLimits: PortalLimits,
): void {
  registerRequestRoutes(app, db);
  registerAdminRoutes(app, db);
  registerRecordFileRoutes(app, db, files);
  registerPortalRequestRoutes(app, db);
  // Multipart parsing only where files are uploaded: everywhere else a form body stays a 415.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: false });
    registerStaffDocumentUpload(scope, db, files);
    registerPortalUploadRoutes(scope, db, files, portalLimits);
  });
}
