import { describe, expect, it } from 'vitest';
import { changelogWith } from '../../../scripts/bump-version';

const CHANGELOG = '# Changelog\n\nIntro.\n\n## 0.1.0\n\n- First.\n';

describe('npm run bump', () => {
  it('puts the new release on top of the older ones, one bullet per note', () => {
    expect(changelogWith(CHANGELOG, '0.2.0', ['Packages.', 'Doctor.'])).toBe(
      '# Changelog\n\nIntro.\n\n## 0.2.0\n\n- Packages.\n- Doctor.\n\n## 0.1.0\n\n- First.\n',
    );
  });

  it('refuses a version that already has a section', () => {
    expect(() => changelogWith(CHANGELOG, '0.1.0', ['Again.'])).toThrow('already has a section for 0.1.0');
  });
});
