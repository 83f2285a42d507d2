// Starts Pagefind's UI on /search/ (the only page with client JavaScript). PagefindUI comes from
// /pagefind/pagefind-ui.js, loaded just before this file.
window.addEventListener('DOMContentLoaded', () => {
  new PagefindUI({ element: '#search', showSubResults: true, showImages: false, autofocus: false });
});
