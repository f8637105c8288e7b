// A real OpenID Connect provider for Casebook's sign-in tests: panva's
// certified `oidc-provider`, on loopback, with test accounts.
//
//   PORT=9400 [STRICT_PORT=9401] node server.mjs
//
// On PORT the provider puts the email claims in the ID token, as Entra ID and
// Google do. On STRICT_PORT (when set) a second provider, configured for strict
// conformance (OpenID Connect Core 5.4), sends them only from its UserInfo
// endpoint: a relying party must ask there.
//
// Each test server registers its own client by dynamic registration
// (POST /reg), since its redirect URI has a random port. Sign-in uses the
// provider's development login and consent forms: the login name is the
// account id below, any password works.

import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 9400);

// Login name -> claims. Councils' domains are as in Casebook's register.
const accounts = {
  // A verified email at a council's domain: an ACTIVE member of Camden.
  'camden-officer': { email: 'olive.officer@camden.gov.uk', email_verified: true, name: 'Olive Officer' },
  // A verified email at a subdomain of a council's domain: still Camden.
  'camden-hr': { email: 'harry.hr@hr.camden.gov.uk', email_verified: true, name: 'Harry HR' },
  // The same email as camden-officer, another account (a re-created one): must not take over that member.
  'camden-officer-recreated': { email: 'olive.officer@camden.gov.uk', email_verified: true, name: 'Olive Again' },
  // Another council.
  'bristol-officer': { email: 'bea.bristol@bristol.gov.uk', email_verified: true, name: 'Bea Bristol' },
  // A verified email at no council's domain: a PENDING member.
  'consultant': { email: 'casey.consultant@example.org', email_verified: true, name: 'Casey Consultant' },
  // An unverified email at a council's domain: refused.
  'unverified': { email: 'una.verified@camden.gov.uk', email_verified: false, name: 'Una Verified' },
  // No `email_verified` claim at all: refused.
  'unstated': { email: 'una.stated@camden.gov.uk', name: 'Una Stated' },
};

function configuration({ conformIdTokenClaims }) {
  return {
    features: {
      devInteractions: { enabled: true },
      registration: { enabled: true },
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // false: the scopes' claims go in the ID token too. true: only in UserInfo.
    conformIdTokenClaims,
    pkce: { required: () => true },
    async findAccount(ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, ...account };
        },
      };
    },
  };
}

function start(listenPort, conformIdTokenClaims) {
  const issuer = `http://127.0.0.1:${listenPort}`;
  const provider = new Provider(issuer, configuration({ conformIdTokenClaims }));
  provider.listen(listenPort, '127.0.0.1', () => {
    const kind = conformIdTokenClaims ? 'strict (claims from UserInfo only)' : 'claims in the ID token';
    console.log(`test OpenID provider on ${issuer}, ${kind} (discovery: ${issuer}/.well-known/openid-configuration)`);
  });
}

start(port, false);
if (process.env.STRICT_PORT) start(Number(process.env.STRICT_PORT), true);
