// Twilio webhook signatures as the official npm library computes and checks them, for the xunit suite to compare against.
//
//   node twilio-signature.mjs vectors < cases.json
//     cases: [{ authToken, url, params, signature?, validateUrl? }]
//     prints [{ signature, valid }]: getExpectedTwilioSignature(authToken, url, params), and
//     validateRequest(authToken, signature ?? that, validateUrl ?? url, params)
//
//   node twilio-signature.mjs post <url> <authToken> < params.json
//     POSTs params form-encoded to url, signed by the library; prints { status, contentType, body }
import twilio from 'twilio';

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

const [mode, ...args] = process.argv.slice(2);

if (mode === 'vectors') {
  const cases = await readStdin();
  const results = cases.map(({ authToken, url, params, signature, validateUrl }) => {
    const expected = twilio.getExpectedTwilioSignature(authToken, url, params);
    return { signature: expected, valid: twilio.validateRequest(authToken, signature ?? expected, validateUrl ?? url, params) };
  });
  console.log(JSON.stringify(results));
} else if (mode === 'post') {
  const [url, authToken] = args;
  const params = await readStdin();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  console.log(JSON.stringify({ status: response.status, contentType: response.headers.get('content-type'), body: await response.text() }));
} else {
  console.error('usage: twilio-signature.mjs vectors < cases.json | post <url> <authToken> < params.json');
  process.exit(2);
}
