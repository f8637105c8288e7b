// Starts GraphiQL on the page web/static/graphiql.html. It lives in its own file
// so the page's Content-Security-Policy needs no 'unsafe-inline'. It needs the
// globals React, ReactDOM (React 18) and GraphiQL (graphiql 3.x UMD), which the
// page loads first.
(function () {
  'use strict';

  var container = document.getElementById('graphiql');

  // Make GraphiQL fill the viewport. graphiql.min.css only gives its own
  // .graphiql-container "height: 100%", so our container needs a height too.
  // These styles are set through the CSSOM (element.style), which a CSP
  // without 'unsafe-inline' allows. A style="" attribute or <style> element
  // would be blocked.
  document.body.style.margin = '0';
  container.style.height = '100vh';

  var fetcher = GraphiQL.createFetcher({
    // A relative URL, so requests go to the origin that served this page.
    url: '/graphql',
    // Send the session cookie with each request, and only to our own origin.
    // (That is fetch's default anyway; this states it.)
    fetch: function (url, init) {
      return window.fetch(url, Object.assign({}, init, { credentials: 'same-origin' }));
    },
  });

  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      // Keep the headers editor, so people can paste
      // {"Authorization": "Bearer cbk_…"} to use an API token instead of the session.
      isHeadersEditorEnabled: true,
      // Don't save headers (and so tokens) to localStorage. This is the default.
      shouldPersistHeaders: false,
    })
  );
})();
