// Every page of the workspace: the idle sign-out warning. The server signs a person out after Security:IdleTimeout
// without requests; a minute before (Security:IdleWarning) this shows a dialog with "Stay signed in". Before acting it
// asks the server how much time is really left (another tab may have kept the session alive): GET /account/session
// reads it without renewing, POST renews.
import { startIdleWarning } from '../shared/idle.js';

startIdleWarning(document);
