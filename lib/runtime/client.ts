import { browser } from 'wxt/browser';
import { request as requestSchema, parseResponse, type Request, type ResponseFor } from '../messages';

/** Send a validated request to the background and return its validated response. */
export async function ask<R extends Request>(req: R): Promise<ResponseFor<R['type']>> {
  const checked = requestSchema.parse(req) as R;
  const raw: unknown = await browser.runtime.sendMessage(checked);
  return parseResponse(checked.type as R["type"], raw);
}
