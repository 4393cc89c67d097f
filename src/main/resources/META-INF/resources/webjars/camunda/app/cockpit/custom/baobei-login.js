// Baobei: after sign-out the webapp would show Camunda's own login form; the Baobei login page
// (Spring Security) is the only way in, so send the browser there.
(function () {
  function toBaobeiLogin() {
    if (window.location.hash.indexOf('#/login') === 0) {
      window.location.replace('/login?logout');
    }
  }
  window.addEventListener('hashchange', toBaobeiLogin);
  toBaobeiLogin();
})();
