import { describe, expect, it } from 'vitest';
import { abortable } from './abortable.js';

async function* numbers(count: number): AsyncGenerator<number> {
  for (let i = 0; i < count; i += 1) yield i;
}

describe('abortable', () => {
  it('passes every item through when nothing aborts', async () => {
    const seen: number[] = [];
    for await (const value of abortable(numbers(3), new AbortController().signal)) seen.push(value);
    expect(seen).toEqual([0, 1, 2]);
    const plain: number[] = [];
    for await (const value of abortable(numbers(2), undefined)) plain.push(value);
    expect(plain).toEqual([0, 1]);
  });

  it('rejects with the reason while the source is still waiting, and closes the source', async () => {
    const controller = new AbortController();
    let closed = false;
    async function* hanging(): AsyncGenerator<string> {
      try {
        yield 'first';
        await new Promise(() => undefined);
      } finally {
        closed = true;
      }
    }
    const seen: string[] = [];
    const consume = (async () => {
      for await (const value of abortable(hanging(), controller.signal)) {
        seen.push(value);
        setTimeout(() => controller.abort(new Error('stopped by user')), 5);
      }
    })();
    await expect(consume).rejects.toThrow('stopped by user');
    expect(seen).toEqual(['first']);
    // A generator suspended in an await closes once that await settles; it never does here,
    // so `return()` is queued behind it: the consumer did not wait for it.
    expect(closed).toBe(false);
  });

  it('stops between items when the consumer aborts while handling one', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const consume = (async () => {
      for await (const value of abortable(numbers(5), controller.signal)) {
        seen.push(value);
        if (value === 1) controller.abort(new Error('enough'));
      }
    })();
    await expect(consume).rejects.toThrow('enough');
    expect(seen).toEqual([0, 1]);
  });

  it('rejects at once for an already aborted signal', async () => {
    const iterate = async () => {
      for await (const _ of abortable(numbers(1), AbortSignal.abort(new Error('late')))) return;
    };
    await expect(iterate()).rejects.toThrow('late');
  });
});
