import { describe, expect, it } from 'vitest';
import { warmRunProcess } from './warm-up.js';

describe('warmRunProcess', () => {
  it('loads its sample flow and request without error (a failure would break the snapshot build)', () => {
    expect(() => warmRunProcess()).not.toThrow();
  });
});
