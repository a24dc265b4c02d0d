import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDoc } from '../../../shared/replication/documents';
import { expectStatus, pullAll, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { HARBOR } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { catalogIds, need, sendRequest } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const ASSESSMENT = {
  name: 'Food Security Screening',
  description: 'Two questions about food in the last 12 months.',
  fields: [
    {
      key: 'worried',
      label: 'We worried whether our food would run out before we got money to buy more',
      type: 'select',
      required: true,
      options: ['Often true', 'Sometimes true', 'Never true'],
    },
    { key: 'notes', label: 'Anything else', type: 'textarea', options: ['ignored'] },
  ],
};

/** Agency administrators set up assessments, document categories and the ROI term; nobody else may. */
describe('agency administration of the request catalog', () => {
  let ts: TestServer;
  const tokens = { casey: '', alex: '', taylor: '', sam: '', jordan: '', marcus: '' };

  beforeAll(async () => {
    ts = await startTestServer();
    for (const staff of ['casey', 'alex', 'taylor', 'sam', 'jordan'] as const)
      tokens[staff] = await signIn(ts.url, staff);
    tokens.marcus = await portalSignIn(ts.url, 'marcus');
  });
  afterAll(() => ts.close());

  const call = (who: keyof typeof tokens, method: 'POST' | 'PATCH', path: string, json: unknown) =>
    request(ts.url, path, { method, token: tokens[who], json });

  it('refuses staff who are not administrators, and portal clients, changing nothing', async () => {
    const { assessments, categories } = await catalogIds(ts.server.db, HARBOR);
    const assessmentId = need(assessments.get('PHQ-9 Depression Screening'), 'PHQ-9');
    const categoryId = need(categories.get('Income'), 'Income');
    const before = await snapshotDatabase(ts.server.db);
    const attempts: [string, 'POST' | 'PATCH', string, unknown][] = [
      ['create an assessment', 'POST', '/api/admin/assessments', ASSESSMENT],
      ['change an assessment', 'PATCH', `/api/admin/assessments/${assessmentId}`, { active: false }],
      [
        'create a category',
        'POST',
        '/api/admin/document-categories',
        { name: 'Legal', predefinedNames: ['Court Order'] },
      ],
      ['change a category', 'PATCH', `/api/admin/document-categories/${categoryId}`, { name: 'Money' }],
      ['change the ROI term', 'PATCH', '/api/admin/agency-settings', { roiTermDays: 30 }],
    ];
    for (const [what, method, path, json] of attempts) {
      for (const who of ['casey', 'jordan'] as const)
        expect(expectErrorResponse(await call(who, method, path, json), 403).message, what).toBe(
          'Only an agency administrator can change assessments, document categories and agency settings.',
        );
      expectErrorResponse(await call('marcus', method, path, json), 401);
    }
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('lets an agency admin create an assessment that their staff can then request', async () => {
    const created = await call('alex', 'POST', '/api/admin/assessments', ASSESSMENT);
    expectStatus(created, 201);
    const assessment = (created.body as { assessment: CatalogDoc }).assessment;
    expect(assessment).toMatchObject({
      kind: 'assessment',
      name: 'Food Security Screening',
      portalEnabled: true,
      active: true,
      fields: [
        { key: 'worried', required: true, options: ['Often true', 'Sometimes true', 'Never true'] },
        { key: 'notes', type: 'textarea', required: false, options: [] },
      ],
    });
    const harborCatalog = (await pullAll(ts.url, tokens.casey, 'catalog')).documents;
    expect(harborCatalog.find((doc) => doc.id === assessment.id)).toMatchObject({
      name: 'Food Security Screening',
    });
    const northsideCatalog = (await pullAll(ts.url, tokens.jordan, 'catalog')).documents;
    expect(northsideCatalog.map((doc) => doc.id)).not.toContain(assessment.id);
    expect(northsideCatalog.every((doc) => doc.agencyId === northsideCatalog[0]?.agencyId)).toBe(true);
    const ids = await demoClientIds(ts.server.db);
    const sent = await sendRequest(ts.url, tokens.casey, {
      clientId: idAt(ids, 6),
      type: 'assessment',
      assessmentDefinitionId: assessment.id,
    });
    expect(sent.status).toBe(201);

    // Turned off for the portal, it can no longer be requested.
    const changed = await call('alex', 'PATCH', `/api/admin/assessments/${assessment.id}`, {
      portalEnabled: false,
    });
    expectStatus(changed, 200);
    expect(changed.body).toMatchObject({
      assessment: { portalEnabled: false, name: 'Food Security Screening' },
    });
    const refused = await sendRequest(ts.url, tokens.casey, {
      clientId: idAt(ids, 6),
      type: 'assessment',
      assessmentDefinitionId: assessment.id,
    });
    expectErrorResponse(refused, 400);
  });

  it('refuses assessments whose fields make no sense', async () => {
    const bad = [
      { ...ASSESSMENT, fields: [] },
      { ...ASSESSMENT, fields: [{ key: 'x', label: 'Pick one', type: 'select', options: [] }] },
      { ...ASSESSMENT, fields: [{ key: '1x', label: 'Bad key', type: 'text' }] },
      { ...ASSESSMENT, fields: [{ key: 'x', label: 'Colour', type: 'colour' }] },
      {
        ...ASSESSMENT,
        fields: [
          { key: 'x', label: 'One', type: 'text' },
          { key: 'x', label: 'Two', type: 'text' },
        ],
      },
      { ...ASSESSMENT, name: '' },
      { ...ASSESSMENT, role: 'system_admin' },
    ];
    const before = await snapshotDatabase(ts.server.db);
    for (const body of bad)
      expectErrorResponse(await call('alex', 'POST', '/api/admin/assessments', body), 400);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('keeps a minimum on number fields only, so a form can refuse negative answers', async () => {
    const created = await call('alex', 'POST', '/api/admin/assessments', {
      ...ASSESSMENT,
      name: 'Household Count',
      fields: [
        { key: 'people', label: 'People in your household', type: 'number', required: true, min: 1 },
        { key: 'note', label: 'Anything else', type: 'text', min: 3 },
      ],
    });
    expectStatus(created, 201);
    expect((created.body as { assessment: CatalogDoc }).assessment.fields).toEqual([
      {
        key: 'people',
        label: 'People in your household',
        type: 'number',
        required: true,
        options: [],
        min: 1,
      },
      { key: 'note', label: 'Anything else', type: 'text', required: false, options: [] },
    ]);
    expectErrorResponse(
      await call('alex', 'POST', '/api/admin/assessments', {
        ...ASSESSMENT,
        fields: [{ key: 'x', label: 'Count', type: 'number', min: 'zero' }],
      }),
      400,
    );
  });

  it('keeps each agency admin to their own agency; a system admin may change any', async () => {
    const harborPhq = need(
      (await catalogIds(ts.server.db, HARBOR)).assessments.get('PHQ-9 Depression Screening'),
      'PHQ-9',
    );
    expectErrorResponse(
      await call('taylor', 'PATCH', `/api/admin/assessments/${harborPhq}`, { active: false }),
      404,
    );
    const harborId = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM agencies WHERE name = $1',
      [HARBOR],
    );
    const elsewhere = await call('taylor', 'PATCH', '/api/admin/agency-settings', {
      roiTermDays: 90,
      agencyId: harborId.rows[0]?.id,
    });
    expectErrorResponse(elsewhere, 403);
    const bySam = await call('sam', 'PATCH', `/api/admin/assessments/${harborPhq}`, {
      description: 'Updated by HMIS.',
    });
    expectStatus(bySam, 200);
    expect(bySam.body).toMatchObject({ assessment: { description: 'Updated by HMIS.' } });
  });

  it('manages document categories: “Other” is always offered, so it cannot be a predefined name', async () => {
    const other = await call('taylor', 'POST', '/api/admin/document-categories', {
      name: 'Legal',
      predefinedNames: ['Court Order', 'Other'],
    });
    expectErrorResponse(other, 400);
    const created = await call('taylor', 'POST', '/api/admin/document-categories', {
      name: 'Legal',
      predefinedNames: ['Court Order', 'Protective Order'],
    });
    expectStatus(created, 201);
    const category = (created.body as { category: CatalogDoc }).category;
    expect(category).toMatchObject({
      kind: 'documentCategory',
      predefinedNames: ['Court Order', 'Protective Order'],
    });
    const renamed = await call('taylor', 'PATCH', `/api/admin/document-categories/${category.id}`, {
      predefinedNames: ['Court Order'],
      active: false,
    });
    expect(renamed.body).toMatchObject({ category: { predefinedNames: ['Court Order'], active: false } });
    expectErrorResponse(
      await call('taylor', 'PATCH', `/api/admin/document-categories/${category.id}`, {}),
      400,
    );
  });

  it('sets the agency’s ROI term, within bounds', async () => {
    for (const roiTermDays of [0, 3651, 12.5, '365']) {
      expectErrorResponse(await call('alex', 'PATCH', '/api/admin/agency-settings', { roiTermDays }), 400);
    }
    const changed = await call('alex', 'PATCH', '/api/admin/agency-settings', { roiTermDays: 730 });
    expectStatus(changed, 200);
    expect(changed.body).toMatchObject({
      settings: { kind: 'agencySettings', roiTermDays: 730, name: HARBOR },
    });
    const catalog = (await pullAll(ts.url, tokens.casey, 'catalog')).documents;
    expect(catalog.filter((doc) => doc.kind === 'agencySettings')).toMatchObject([{ roiTermDays: 730 }]);
  });
});
