// The seed's "Cache Frequently Accessed Data" as a typed ES module: the
// first request computes and caches for 5 minutes, the next ones answer
// fromCache: true. kv is the global store (doc/kv.md).
declare const kv: {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds?: number): Promise<void>;
};

interface Report {
  answer: number;
  computedAt: number;
}

type Cached<T> = T & { fromCache: boolean };

const TTL_SECONDS = 300;

async function fetchExpensiveData(): Promise<Report> {
  await new Promise<void>((resolve) => setTimeout(resolve, 5));
  return { answer: 42, computedAt: Date.now() };
}

export default async (req: { path: string }, res: { json(body: Cached<Report>): void }) => {
  const cacheKey = `cache:${req.path}`;
  const cached = await kv.get<Report>(cacheKey);
  if (cached) {
    return res.json({ ...cached, fromCache: true });
  }
  const data: Report = await fetchExpensiveData();
  await kv.set(cacheKey, data, TTL_SECONDS);
  res.json({ ...data, fromCache: false });
};
