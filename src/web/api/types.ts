/** Names for the API's response shapes, all derived from the generated OpenAPI types. */
import type { ResponseBody } from './client';

export type Me = ResponseBody<'/api/me', 'get'>;
export type PermissionGrant = Me['permissions'][string];
export type Patient = ResponseBody<'/api/patients/{id}', 'get'>;
export type ChartEntryPage = ResponseBody<'/api/patients/{id}/chart-entries', 'get'>;
export type ChartEntry = ChartEntryPage['chartEntries'][number];
export type TreatmentPlanSummary = ResponseBody<'/api/patients/{id}/treatment-plans', 'get'>['treatmentPlans'][number];
export type TreatmentPlan = ResponseBody<'/api/treatment-plans/{id}', 'get'>;
