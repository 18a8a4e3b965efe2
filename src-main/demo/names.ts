/**
 * Names for demo patients as they are written in Sri Lanka: in English, in
 * Sinhala and in Tamil script.
 */
export const ENGLISH_GIVEN = [
  'Nimal', 'Sunil', 'Kamala', 'Chandrika', 'Ruwan', 'Dilani', 'Mahesh', 'Anoma', 'Pradeep', 'Shanika',
  'Arjun', 'Fathima', 'Mohamed', 'Priya', 'Suresh', 'Lakshmi', 'Tharindu', 'Nadeesha', 'Rizwan', 'Kavitha',
  'Dinesh', 'Sanduni', 'Roshan', 'Malini', 'Kasun', 'Ishara', 'Gayan', 'Yasodha', 'Chaminda', 'Niluka',
]
export const ENGLISH_FAMILY = [
  'Perera', 'Fernando', 'Silva', 'Jayasuriya', 'Wickramasinghe', 'Bandara', 'Dissanayake', 'Rajapaksa', 'Gunawardena', 'Senanayake',
  'Rajaratnam', 'Sivakumar', 'Nadarajah', 'Ismail', 'Rizvi', 'Kumarasinghe', 'Herath', 'Ratnayake', 'Amarasinghe', 'Weerasinghe',
]
export const SINHALA_GIVEN = ['නිමල්', 'සුනිල්', 'කමලා', 'චන්ද්‍රිකා', 'රුවන්', 'දිලානි', 'මහේෂ්', 'අනෝමා', 'ප්‍රදීප්', 'ශානිකා', 'කසුන්', 'නදීෂා']
export const SINHALA_FAMILY = ['පෙරේරා', 'ප්‍රනාන්දු', 'සිල්වා', 'ජයසූරිය', 'වික්‍රමසිංහ', 'බණ්ඩාර', 'දිසානායක', 'හේරත්', 'රත්නායක']
export const TAMIL_GIVEN = ['முருகன்', 'செல்வி', 'அருண்', 'பிரியா', 'சுரேஷ்', 'லட்சுமி', 'கவிதா', 'ராஜன்', 'மீனா', 'குமார்', 'தேவி', 'கணேஷ்']
export const TAMIL_FAMILY = ['செல்வம்', 'ராஜரத்தினம்', 'சிவகுமார்', 'நடராஜா', 'கந்தசாமி', 'பாலசுப்பிரமணியம்', 'தர்மலிங்கம்', 'சுப்பிரமணியம்']
