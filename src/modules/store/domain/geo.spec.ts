import { distanceMeters } from './geo';

describe('great-circle distance', () => {
  it('is zero between a point and itself', () => {
    expect(distanceMeters({ latitude: 31.23, longitude: 121.47 }, { latitude: 31.23, longitude: 121.47 })).toBe(0);
  });

  it('measures one degree of latitude as about 111.2 km', () => {
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBe(111195);
  });

  it('measures half the circumference between antipodes', () => {
    expect(distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBe(Math.round(Math.PI * 6_371_008.8));
  });

  it('shrinks a degree of longitude with the cosine of the latitude', () => {
    const atEquator = distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 });
    const at60 = distanceMeters({ latitude: 60, longitude: 0 }, { latitude: 60, longitude: 1 });
    expect(at60 / atEquator).toBeCloseTo(0.5, 2);
  });

  it('puts Beijing and Shanghai about 1,068 km apart, the same both ways', () => {
    const beijing = { latitude: 39.9042, longitude: 116.4074 };
    const shanghai = { latitude: 31.2304, longitude: 121.4737 };
    const d = distanceMeters(beijing, shanghai);
    expect(d).toBeGreaterThan(1_060_000);
    expect(d).toBeLessThan(1_075_000);
    expect(distanceMeters(shanghai, beijing)).toBe(d);
  });
});
