import { useParams } from 'react-router';
import { ImportWizard } from '../features/imports/ImportWizard';

/** The import wizard (admin): /imports/new to upload, /imports/:id to check, correct and confirm. */
export function ImportPage() {
  const { id } = useParams();
  // A new key per import: the wizard's local state (highlight, open tab) belongs to one preview.
  return <ImportWizard key={id ?? 'new'} id={id} />;
}
