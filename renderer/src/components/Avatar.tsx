import { fullName, initials } from '../../../shared/domain/names';
import { usePhoto } from '../lib/use-photo';

interface AvatarProps {
  person: { firstName: string; lastName: string };
  photoFileId: string;
  size: 'sm' | 'md' | 'xl';
}

/** A client's photo, or their initials on a tint picked from the name so rows are easy to tell apart. */
export function Avatar({ person, photoFileId, size }: AvatarProps) {
  const photo = usePhoto(photoFileId);
  if (photo) {
    // biome-ignore lint/a11y/noRedundantAlt: "Photo of First Last" is the product's wording; it names whose photo it is.
    return <img className={`avatar avatar--${size}`} src={photo} alt={`Photo of ${fullName(person)}`} />;
  }
  const tint = tintFor(fullName(person));
  return (
    <span className={`avatar avatar--${size} avatar--initials avatar--tint-${tint}`} aria-hidden="true">
      {initials(person) || '?'}
    </span>
  );
}

const TINTS = 6;

function tintFor(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % TINTS;
}
