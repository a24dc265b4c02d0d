import { useEffect, useId, useState } from 'react';
import { bridgeContract } from '../../../../shared/bridge/contract';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { bridge } from '../../bridge';
import { pathForUpload } from '../../bridge/files';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { SelectField } from '../../components/SelectField';
import { Switch } from '../../components/Switch';
import { TextField } from '../../components/TextField';
import { messageOf } from '../../lib/errors';
import { useRecordsStore } from '../../stores/records-store';
import { showToast } from '../../stores/toast-store';
import { useRequestOptions } from '../requests/use-request-options';
import { FilePicker } from './FilePicker';

type Field = 'categoryId' | 'name' | 'paths';
type Errors = Partial<Record<Field, string>>;

const addDocumentSchema = bridgeContract['records:addDocument'].args;

/** The total of the files people pick, against the reference product's 25MB for one submission. */
export function totalTooLarge(files: readonly File[]): boolean {
  return files.reduce((sum, file) => sum + file.size, 0) > MAX_UPLOAD_BYTES;
}

/** Add document: staff put files from this computer on the client's record, in a category. */
export function AddDocumentDialog({ clientId, onClose }: { clientId: string; onClose(): void }) {
  const { state: optionsState, retry } = useRequestOptions(clientId);
  const [categoryId, setCategoryId] = useState('');
  const [name, setName] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [phase, setPhase] = useState<'idle' | 'preparing' | 'saving'>('idle');
  const namesId = useId();
  const busy = phase !== 'idle';

  const [checkCount, setCheckCount] = useState(0);
  useEffect(() => {
    if (checkCount === 0) return;
    document.querySelector<HTMLElement>('.add-document [aria-invalid="true"]')?.focus();
  }, [checkCount]);

  const categories = optionsState.status === 'ready' ? optionsState.options.documentCategories : [];
  const category = categories.find((each) => each.id === categoryId);

  const chooseFiles = (next: File[]) => {
    setFiles(next);
    setFailure(null);
    // Said at once, as the reference product does, rather than after the person fills in the rest.
    setErrors((current) => ({
      ...current,
      paths: totalTooLarge(next) ? PRODUCT_TEXTS.invalidFileSize : undefined,
    }));
  };

  const save = async () => {
    if (busy) return;
    const checked = addDocumentSchema.safeParse({
      clientId,
      categoryId,
      name,
      private: isPrivate,
      // Stand-ins until the files are staged: the schema checks there is at least one.
      paths: files.map((file) => file.name || 'file'),
    });
    const found: Errors = {};
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = issue.path[0];
        if ((field === 'categoryId' || field === 'name' || field === 'paths') && !found[field]) {
          found[field] = field === 'categoryId' ? 'Select a category.' : issue.message;
        }
      }
    }
    if (totalTooLarge(files)) found.paths = PRODUCT_TEXTS.invalidFileSize;
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setCheckCount((n) => n + 1);
      return;
    }
    setFailure(null);
    try {
      setPhase('preparing');
      const paths: string[] = [];
      for (const file of files) paths.push(await pathForUpload(file));
      setPhase('saving');
      await bridge.records.addDocument({
        clientId,
        categoryId,
        name: name.trim(),
        private: isPrivate,
        paths,
      });
      void useRecordsStore.getState().reload();
      showToast('Document added');
      onClose();
    } catch (error) {
      setFailure(messageOf(error));
      setPhase('idle');
    }
  };

  return (
    <div className="add-document">
      <Dialog
        title="Add document"
        description="Files from this computer, on the client’s record. At most 25MB in all."
        onClose={onClose}
        onSubmit={() => void save()}
        busy={busy}
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button--primary"
              disabled={busy || optionsState.status !== 'ready'}
              aria-busy={busy}
            >
              {busy ? <span className="spinner" aria-hidden="true" /> : <Icon name="upload" size={16} />}
              {phase === 'preparing' ? 'Preparing files…' : phase === 'saving' ? 'Adding…' : 'Add document'}
            </button>
          </>
        }
      >
        {failure && (
          <div className="alert alert--error" role="alert">
            {failure}
          </div>
        )}
        {optionsState.status === 'error' && (
          <div className="alert alert--error alert--row" role="alert">
            <span>{optionsState.error}</span>
            <button type="button" className="button button--secondary button--sm" onClick={retry}>
              Try again
            </button>
          </div>
        )}
        <div className="form-grid">
          <SelectField
            label="Category"
            placeholder={optionsState.status === 'loading' ? 'Loading categories…' : 'Select a category'}
            value={categoryId}
            options={categories.map((each) => ({ value: each.id, label: each.name }))}
            error={errors.categoryId}
            disabled={busy || optionsState.status !== 'ready'}
            autofocus
            onChange={(value) => {
              setCategoryId(value);
              setErrors((current) => ({ ...current, categoryId: undefined }));
            }}
          />
          <TextField
            label="Name"
            value={name}
            error={errors.name}
            hint={category?.predefinedNames.length ? 'Type one, or pick from the list.' : undefined}
            list={category ? namesId : undefined}
            maxLength={200}
            autoComplete="off"
            disabled={busy}
            onChange={(value) => {
              setName(value);
              setErrors((current) => ({ ...current, name: undefined }));
            }}
          />
          {category && (
            <datalist id={namesId}>
              {category.predefinedNames.map((each) => (
                <option key={each} value={each} />
              ))}
            </datalist>
          )}
        </div>
        <FilePicker files={files} error={errors.paths} disabled={busy} onChange={chooseFiles} />
        <Switch
          label="Private"
          description="Don’t share this document with staff members at other agencies."
          checked={isPrivate}
          disabled={busy}
          onChange={setPrivate}
        />
      </Dialog>
    </div>
  );
}
