// The Durable Object class in Node, behind a stand-in namespace (one object per name, storage in
// a Map), for the contract and the alarm; test/durable-object-store.test.ts runs it in workerd.
import { describe, expect, it, vi } from 'vitest';
import { runStoreConformance } from '../testing/store-conformance.js';
import {
  createDurableObjectStore,
  type DurableObjectNamespaceLike,
  type DurableObjectStorageLike,
  WebhookEventsObject,
} from './create-durable-object-store.js';

function memoryStorage() {
  const values = new Map<string, unknown>();
  let alarm: number | undefined;
  const storage: DurableObjectStorageLike = {
    get: async (key) => values.get(key),
    put: async (key, value) => {
      values.set(key, structuredClone(value));
    },
    delete: async (key) => values.delete(key),
    setAlarm: async (time) => {
      alarm = time;
    },
  };
  return { storage, values, alarm: () => alarm };
}

function localNamespace() {
  const objects = new Map<
    string,
    { object: WebhookEventsObject; storage: ReturnType<typeof memoryStorage> }
  >();
  const namespace: DurableObjectNamespaceLike = {
    idFromName: (name) => name,
    get: (id) => {
      const name = id as string;
      let entry = objects.get(name);
      if (entry === undefined) {
        const storage = memoryStorage();
        entry = { object: new WebhookEventsObject({ storage: storage.storage }), storage };
        objects.set(name, entry);
      }
      const { object } = entry;
      return {
        fetch: (url, init) => object.fetch(new Request(url, init)),
      };
    },
  };
  return { namespace, objects };
}

runStoreConformance(
  'Durable Object store (in Node)',
  () => createDurableObjectStore({ namespace: localNamespace().namespace }),
  { describe, it },
);

describe('WebhookEventsObject', () => {
  it('keeps one record per event id, in the object named by the prefix and the id', async () => {
    const { namespace, objects } = localNamespace();
    const store = createDurableObjectStore({ namespace, prefix: 'p:' });
    const lease = await store.acquire('evt_1', 60_000);
    expect(lease.status).toBe('acquired');
    expect([...objects.keys()]).toEqual(['p:evt_1']);
    const { values, alarm } = objects.get('p:evt_1')!.storage;
    expect(values.get('record')).toMatchObject({ processed: false });
    expect(alarm()).toBe((values.get('record') as { expiresAt: number }).expiresAt);
  });

  it('its alarm deletes an expired record and re-arms for a live one', async () => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ['Date'] });
    try {
      const { storage, values, alarm } = memoryStorage();
      const object = new WebhookEventsObject({ storage });
      const call = async (body: unknown) =>
        (
          (await (
            await object.fetch(
              new Request('http://x/', { method: 'POST', body: JSON.stringify(body) }),
            )
          ).json()) as { result: unknown }
        ).result;
      await call({ op: 'acquire', token: 't', ms: 1_000 });
      await call({ op: 'extend', token: 't', ms: 5_000 });
      vi.setSystemTime(1_002_000);
      await object.alarm();
      expect(values.has('record')).toBe(true);
      expect(alarm()).toBe(1_005_000);
      vi.setSystemTime(1_006_000);
      await object.alarm();
      expect(values.has('record')).toBe(false);
      await object.alarm(); // nothing left: no-op
      expect(values.has('record')).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a command after a failed one (the queue survives a storage error)', async () => {
    const { storage } = memoryStorage();
    const failing = { ...storage, get: vi.fn(storage.get).mockRejectedValueOnce(new Error('io')) };
    const object = new WebhookEventsObject({ storage: failing });
    const request = () =>
      new Request('http://x/', {
        method: 'POST',
        body: JSON.stringify({ op: 'acquire', token: 't', ms: 1_000 }),
      });
    await expect(object.fetch(request())).rejects.toThrow('io');
    expect(await (await object.fetch(request())).json()).toEqual({
      result: { status: 'acquired', token: 't' },
    });
  });
});
