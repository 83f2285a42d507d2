import { it } from 'vitest';
import { useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
it('explore', async () => {
  const r = await api.current.request(`{
    a: aiFeature(slug: "meeting-summary") {
      current(segment: consumer) { trainsFirstPartyModels humanReview governingClauses { key version { label } } }
      asOf(date: "2023-08-20", segment: consumer) { trainsFirstPartyModels humanReview governingClauses { key version { label } } }
      e: current(segment: enterprise) { consentRequiredFrom }
      h: asOf(date: "2023-08-20", segment: healthcare) { availability }
    }
  }`);
  console.log(JSON.stringify(r));
  const r2 = await api.current.request(`{
    a: aiFeature(slug: "meeting-summary") {
      x: asOf(date: "2025-01-01", segment: consumer) { governingClauses { key version { label } } }
      current(segment: consumer) { governingClauses { key version { label } } }
      y: asOf(date: "2023-10-01", segment: consumer) { governingClauses { key version { label } } }
    }
  }`);
  console.log(JSON.stringify(r2));
});
