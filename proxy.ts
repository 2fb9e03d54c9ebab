import { withAuth } from "next-auth/middleware";

// Pages under /mail need a session; API routes answer 401 JSON themselves.
export default withAuth({ pages: { signIn: "/login" } });

export const config = { matcher: ["/mail/:path*"] };
