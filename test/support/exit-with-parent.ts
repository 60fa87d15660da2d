// For worker scripts the tests start: exit once the test process that started this one is
// gone (it was killed, or timed out), rather than run on against a dropped database.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
