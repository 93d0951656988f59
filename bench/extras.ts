export const extras: ((ctx: { serverUrl: string; cookie: string }) => Promise<void>)[] = [];
