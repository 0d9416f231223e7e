// What the side-by-side page compares the app with, bundled by esbuild for the browser
// (e2e/bench/side_by_side.py builds it). The SDK gets its answer from a request handler that
// returns the benchmark's body as a fetch would (a ReadableStream), so what is timed is the SDK's
// own path from bytes to its output: stream collection, JSON and the deserializer.
import { CostExplorerClient, GetReservationCoverageCommand } from "@aws-sdk/client-cost-explorer";
import { AwsClient } from "aws4fetch";

export const CREDENTIALS = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  // As long as a real session token (about 400 characters).
  sessionToken: "IQoJb3JpZ2luX2VjE" + "EXAMPLEtokenEXAMPLEtoken0123456789+/".repeat(11),
};

let answer = "";
const sdk = new CostExplorerClient({
  region: "us-east-1",
  credentials: CREDENTIALS,
  maxAttempts: 1,
  requestHandler: {
    handle: async () => ({
      // The shape of smithy's HttpResponse (its isInstance checks the shape, not the class).
      response: {
        statusCode: 200,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "bench" },
        body: new Response(answer).body,
      },
    }),
  },
});

/** The SDK's GetReservationCoverage output for `text`; resolves to periods + groups read. */
export async function sdkParse(text) {
  answer = text;
  const out = await sdk.send(new GetReservationCoverageCommand({
    TimePeriod: { Start: "2025-11-01", End: "2026-12-01" },
    Granularity: "DAILY",
  }));
  return out.CoveragesByTime.length + out.CoveragesByTime.reduce((n, p) => n + p.Groups.length, 0);
}

const signer = new AwsClient({ ...CREDENTIALS, service: "ce", region: "us-east-1" });

/** aws4fetch signs the same request `times` times; resolves to the last Authorization. */
export async function aws4fetchSign(times) {
  const body = JSON.stringify({ TimePeriod: { Start: "2025-11-01", End: "2026-12-01" } });
  let last = "";
  for (let i = 0; i < times; i++) {
    const request = await signer.sign("https://ce.us-east-1.amazonaws.com/", {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "AWSInsightsIndexService.GetReservationCoverage",
      },
      body,
    });
    last = request.headers.get("authorization");
  }
  return last;
}
