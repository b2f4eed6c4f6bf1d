import { describe, expect, it } from 'vitest';
import { MASK, createRedactor, isSecretName } from './redact.js';

describe('isSecretName', () => {
  it.each([
    ['GITHUB_TOKEN', true],
    ['token', true],
    ['max_tokens', false],
    ['input_tokens', false],
    ['PWD', false],
    ['DB_PWD', true],
    ['api_key', true],
    ['apiKey', true],
    ['OPENAI_API_KEY', true],
    ['DB_PASSWORD', true],
    ['passwd', true],
    ['client_secret', true],
    ['Authorization', true],
    ['AUTH', true],
    ['aws_credentials', true],
    ['SSH_KEY', true],
    ['session_cookie', true],
    ['HOME', false],
    ['PATH', false],
    ['keyboard_layout', false],
    ['monkey', false],
    ['author', false],
    ['message', false],
    ['KEYS_DIR', true],
  ])('%s → %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe('createRedactor', () => {
  const redactor = createRedactor({
    env: { GITHUB_TOKEN: 'ghp_abcdef123', HOME: '/home/me', SHORT_TOKEN: 'abc' },
    vars: { password: 'hunter22', user: 'bob' },
  });

  it('masks keys with secret names at any depth', () => {
    expect(redactor.redact({ headers: { Authorization: 'Bearer x' }, url: 'https://x', list: [{ token: 't' }] })).toEqual({
      headers: { Authorization: MASK },
      url: 'https://x',
      list: [{ token: MASK }],
    });
  });

  it('masks secret values inside any string', () => {
    expect(redactor.redact({ cmd: 'curl -H "x: ghp_abcdef123" && login hunter22' })).toEqual({ cmd: `curl -H "x: ${MASK}" && login ${MASK}` });
    expect(redactor.redactText('token=ghp_abcdef123')).toBe(`token=${MASK}`);
  });

  it('leaves non-secret values and very short secrets alone', () => {
    expect(redactor.redactText('/home/me abc bob')).toBe('/home/me abc bob');
  });

  it('does not change its input', () => {
    const input = { token: 'x' };
    redactor.redact(input);
    expect(input).toEqual({ token: 'x' });
  });

  it('learns new secrets', () => {
    const r = createRedactor();
    expect(r.redactText('s3cr3t-value')).toBe('s3cr3t-value');
    r.addSecrets(['s3cr3t-value']);
    expect(r.redactText('x s3cr3t-value y')).toBe(`x ${MASK} y`);
  });
});
