/**
 * Runs before every test file. @cloudbase/node-sdk arms a 3 s "request is longer than 3s" console
 * warning per database request and clears it only when the request SUCCEEDS
 * (dist/utils/tcbapirequester.js, setSlowWarning): a request refused on purpose (a crash test's
 * killed emulator, a server closed in afterAll) leaves the timer armed, and when it fires after the
 * file finished Jest reports "Cannot log after tests are done" and exits 1 with every test passed.
 * SILENCE=true is the SDK's own switch for that warning; the store harness already sets it.
 */
process.env.SILENCE ??= 'true';
