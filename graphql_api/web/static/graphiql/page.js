// Starts GraphiQL: queries go to this page's own URL (/graphql), with the session cookie, so
// logging in here signs the page in. The query and variables are kept in the page's URL
// (`?q=...&variables=...`), so a link shares them.
(function () {
  "use strict";

  const DEFAULT_QUERY = `# Listings, newest first. Ctrl-Enter runs the query; the book icon opens the docs.
{
  listings(first: 5) {
    nodes { id title price createdAt category { name } location { city state } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

  const endpoint = window.location.origin + window.location.pathname;
  const shared = new URLSearchParams(window.location.search);

  function share(name, value) {
    if (value) {
      shared.set(name, value);
    } else {
      shared.delete(name);
    }
    const search = shared.toString();
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  const fetcher = GraphiQL.createFetcher({ url: endpoint });
  const plugins = [GraphiQLPluginExplorer.explorerPlugin()];

  function App() {
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: plugins,
      defaultQuery: DEFAULT_QUERY,
      query: shared.get("q") || undefined,
      variables: shared.get("variables") || undefined,
      onEditQuery: (query) => share("q", query === DEFAULT_QUERY ? "" : query),
      onEditVariables: (variables) => share("variables", variables),
      defaultEditorToolsVisibility: true,
      inputValueDeprecation: true,
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(App));
})();
