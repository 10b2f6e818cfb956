/** The sandbox's control plane over HTTP (`/__sandbox/`), as any partner's test rig would use it. */
export interface ControlPlane {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

/** An error answer of the control plane (e.g. 409 when approving a cancelled code). */
export class ControlPlaneError extends Error {
  override name = 'ControlPlaneError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Creates a {@link ControlPlane} for a sandbox server's base URL. */
export function createControlPlane(baseUrl: string): ControlPlane {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}/__sandbox${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    if (!response.ok) throw new ControlPlaneError(response.status, `${method} ${path}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    delete: async (path) => {
      await call('DELETE', path);
    },
  };
}
