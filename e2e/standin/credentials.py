"""Credentials the stand-in knows. They are fake, but the secret and the token are still
treated as secrets: they are never logged and never put in an error message."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KnownCredentials:
    access_key: str
    secret_key: str = field(repr=False)
    session_token: str | None = field(default=None, repr=False)
    expired: bool = False
    account: str = "123456789012"
    arn: str = "arn:aws:sts::123456789012:assumed-role/FinOpsReadOnly/lens-demo"
    user_id: str = "AROAE2ESTANDINROLE0001:lens-demo"


DEMO_CREDENTIALS = KnownCredentials(
    access_key="ASIAE2ESTANDIN0DEMO1",
    secret_key="e2eStandInDemoSecretKey/NotARealAwsKey01",
    session_token="IQoJb3JpZ2luX2VjE2e2StandInDemoSessionToken//NotReal/0123456789abcdef=",
)

# A second set whose session token has expired, for the expired-token errors.
EXPIRED_CREDENTIALS = KnownCredentials(
    access_key="ASIAE2ESTANDIN0EXPD1",
    secret_key="e2eStandInExpiredSecret/NotARealAwsKey01",
    session_token="IQoJb3JpZ2luX2VjE2e2StandInExpiredSessionToken//NotReal/fedcba987=",
    expired=True,
)

# Another role in another account, for switching accounts in one tab.
SECOND_CREDENTIALS = KnownCredentials(
    access_key="ASIAE2ESTANDIN0ROLE2",
    secret_key="e2eStandInSecondSecret/NotARealAwsKey002",
    session_token="IQoJb3JpZ2luX2VjE2e2StandInSecondSessionToken//NotReal/13579bdf=",
    account="210987654321",
    arn="arn:aws:sts::210987654321:assumed-role/PlatformReadOnly/lens-second",
    user_id="AROAE2ESTANDINROLE0002:lens-second",
)

# LocalStack's and moto's conventional keys: long-term, not AWS-shaped, and public by design (so
# the leak checks leave them out).
STANDIN_TEST_CREDENTIALS = KnownCredentials(
    access_key="test",
    secret_key="test",
    account="000000000000",
    arn="arn:aws:iam::000000000000:root",
    user_id="000000000000",
)

KNOWN = {c.access_key: c for c in (DEMO_CREDENTIALS, EXPIRED_CREDENTIALS, SECOND_CREDENTIALS,
                                   STANDIN_TEST_CREDENTIALS)}
