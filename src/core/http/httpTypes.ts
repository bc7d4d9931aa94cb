/** The simulated HTTP exchange: the page calls routes like a server, without a network. */
export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  method: HttpMethod;
  /** May carry a query string: `/api/draw/delta?series_id=…`. */
  path: string;
  query?: Record<string, unknown>;
  body?: unknown;
}

export interface HttpResponse {
  /** 0 means the client got no answer at all: the process died (a simulated crash). */
  status: number;
  body: unknown;
}

/** The error body: a stable `detail` and `code`, plus field errors on a 422. */
export interface ErrorBody {
  detail: string;
  code: string;
  errors?: { loc: string; msg: string }[];
  [extra: string]: unknown;
}
