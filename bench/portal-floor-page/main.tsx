import { createRoot } from 'react-dom/client';

/*
 * The floor of the portal figures (bench/figures/portal-first-load.ts): React rendering a sign-in
 * form and nothing else, no styles, no words to download, no question to the server. The portal's
 * sign-in page cannot download less than this, nor draw sooner, without leaving React.
 */
function SignIn() {
  return (
    <main>
      <h1>Sign in</h1>
      <p>Sign in to read messages from your care team and answer their requests.</p>
      <form>
        <label>
          Username <input autoComplete="username" />
        </label>
        <label>
          Password <input type="password" autoComplete="current-password" />
        </label>
        <button type="submit">Sign in</button>
      </form>
      <p>New here? Open the invitation link your case manager sent you to create your account.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<SignIn />);
