// Starts Pagefind's UI on /search/ (the only page with client JavaScript). PagefindUI comes from
// /pagefind/pagefind-ui.js, loaded just before this file.
window.addEventListener('DOMContentLoaded', () => {
  new PagefindUI({ element: '#search', showSubResults: true, showImages: false, autofocus: false });
  // Pagefind's input has a placeholder and a title but no label: give it the page's visible one.
  const input = document.querySelector('#search input');
  const label = document.getElementById('search-label');
  if (input !== null && label !== null) {
    input.id = 'search-input';
    label.htmlFor = 'search-input';
    label.hidden = false;
  }
});
