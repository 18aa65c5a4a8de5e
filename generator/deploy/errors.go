package deploy

import (
	"context"
	"errors"
	"strings"
	"time"

	"gocloud.dev/gcerrors"
)

// credentialsHelp says where each cloud's driver looks for credentials.
const credentialsHelp = "set the store's credentials in the environment (S3 and S3-compatible stores: " +
	"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE; gs://: GOOGLE_APPLICATION_CREDENTIALS; " +
	"azblob://: AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN)"

// refusedCredentials are the S3 error codes of credentials the store does
// not accept; s3blob maps them to Unknown, which would otherwise be retried.
var refusedCredentials = map[string]bool{
	"InvalidAccessKeyId": true, "SignatureDoesNotMatch": true, "ExpiredToken": true,
	"InvalidToken": true, "TokenRefreshRequired": true, "AuthorizationHeaderMalformed": true,
	"InvalidClientTokenId": true, "AuthFailure": true,
}

// storeCode is the error code an S3 (smithy) or similar API error carries.
func storeCode(err error) string {
	var coded interface{ ErrorCode() string }
	if errors.As(err, &coded) {
		return coded.ErrorCode()
	}
	return ""
}

// advise says what to do about err, or "" when there is nothing to add.
func advise(err error) string {
	msg := err.Error()
	switch {
	case refusedCredentials[storeCode(err)]:
		return "the store refused the credentials: " + credentialsHelp
	case strings.Contains(msg, "failed to retrieve credentials"), strings.Contains(msg, "get credentials"), strings.Contains(msg, "could not find default credentials"),
		strings.Contains(msg, "no credential"):
		return "no credentials found: " + credentialsHelp
	case strings.Contains(msg, "no driver registered"), strings.Contains(msg, "unknown query parameter"),
		strings.Contains(msg, "invalid value for"):
		return "fix the url in config.toml (see README.md, \"Going live\")"
	case strings.Contains(msg, "no such file or directory") && strings.Contains(msg, "stat "):
		return "the folder does not exist: create it, or add ?create_dir=true to the file:// url"
	case strings.Contains(msg, "connection refused"), strings.Contains(msg, "no such host"), strings.Contains(msg, "i/o timeout"):
		return "the store cannot be reached: check the address (endpoint=) and the network"
	}
	switch gcerrors.Code(err) {
	case gcerrors.NotFound:
		return "the bucket (or folder) does not exist: create it, or correct the name in url"
	case gcerrors.PermissionDenied:
		return "access denied: the credentials must allow listing, reading, writing and deleting in the bucket; " + credentialsHelp
	}
	return ""
}

// transient reports whether an operation that failed with err may succeed
// when tried again: a server error, throttling, a dropped connection; not
// refused credentials, a missing bucket, a bad request, nor a cancelled
// deploy.
func transient(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || advise(err) != "" && !strings.Contains(advise(err), "cannot be reached") {
		return false
	}
	switch gcerrors.Code(err) {
	case gcerrors.Unknown, gcerrors.Internal, gcerrors.ResourceExhausted, gcerrors.DeadlineExceeded:
		return true
	}
	return false
}

// retry runs op until it succeeds, fails for good, or has failed attempts
// times, waiting backoff, then twice that, and so on (at most 30 s) between
// tries.
func retry(ctx context.Context, attempts int, backoff time.Duration, op func() error) error {
	wait := backoff
	for i := 1; ; i++ {
		err := op()
		if err == nil || i >= attempts || !transient(ctx, err) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// blobNotFound reports whether err says the object is not there.
func blobNotFound(err error) bool {
	return err != nil && gcerrors.Code(err) == gcerrors.NotFound
}
