// Draws the district's two indices over time with their 95% intervals as shaded bands, from the canvas's data
// attributes (no inline script: the CSP forbids it). The same numbers are in the table below it.
(function () {
  var canvas = document.getElementById('survey-trend');
  if (!canvas || typeof Chart === 'undefined') { return; }
  var d = canvas.dataset;
  function nums(s) { return (s || '').split('|').map(function (v) { return v === '' ? null : Number(v); }); }
  // Upper limit filled down to the lower limit (fill '+1'), then the estimate as a line.
  function series(name, estimate, lower, upper, colour, shade) {
    return [
      { label: name + ' · ' + d.bandName, data: nums(upper), borderWidth: 0, pointRadius: 0, backgroundColor: shade, fill: '+1' },
      { label: name + ' · ' + d.bandName + ' ', data: nums(lower), borderWidth: 0, pointRadius: 0, backgroundColor: shade, fill: false },
      { label: name, data: nums(estimate), borderColor: colour, backgroundColor: colour, tension: 0.2, fill: false }
    ];
  }
  var datasets = series(d.safetyName, d.safety, d.safetyLower, d.safetyUpper, '#0b3d6e', 'rgba(11,61,110,0.15)')
    .concat(series(d.trustName, d.trust, d.trustLower, d.trustUpper, '#0b6e3d', 'rgba(11,110,61,0.15)'));
  new Chart(canvas, {
    type: 'line',
    data: { labels: (d.labels || '').split('|'), datasets: datasets },
    options: {
      animation: false,
      scales: { y: { min: 0, max: 100 } },
      plugins: { legend: { labels: { filter: function (item) { return item.text.indexOf(d.bandName) < 0; } } } }
    }
  });
})();
