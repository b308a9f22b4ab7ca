import { describe, expect, it } from 'vitest';
import { maskPersonalId, nextStatus } from './registry.models';

describe('registration lifecycle', () => {
  it('lets staff approve or reject a submitted registration', () => {
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('submitted', 'reject')).toBe('rejected');
  });

  it('suspends only approved parties and reinstates suspended ones by approval', () => {
    expect(nextStatus('approved', 'suspend')).toBe('suspended');
    expect(nextStatus('submitted', 'suspend')).toBeNull();
    expect(nextStatus('suspended', 'approve')).toBe('approved');
  });

  it('treats rejection as final', () => {
    expect(nextStatus('rejected', 'approve')).toBeNull();
    expect(nextStatus('rejected', 'suspend')).toBeNull();
    expect(nextStatus('approved', 'reject')).toBeNull();
  });
});

describe('personal ID masking', () => {
  it('keeps the region code and the last four characters only', () => {
    expect(maskPersonalId('13068119900101123X')).toBe('130681********123X');
    expect(maskPersonalId('E12345678')).toBe('E****5678');
    expect(maskPersonalId('1234')).toBe('****');
  });
});
